/** Row type of `users`. */
export interface UsersTable {
  id: string;
  openid: string;
  unionid: string | null;
  nickname: string | null;
  /** JSON array of granted roles beyond shopper: "vendor", "moderator". */
  roles: string;
  created_at: string;
  updated_at: string;
}
