/** The marketplace's store and product taxonomy, with the Chinese labels shoppers see. */

export const categoryIds = [
  'beauty',
  'fashion',
  'food',
  'digital',
  'home',
  'mother_baby',
  'health',
  'sports',
  'books',
  'pets',
  'other',
] as const;

export type CategoryId = (typeof categoryIds)[number];

export const categories: { id: CategoryId; label: string }[] = [
  { id: 'beauty', label: '美妆' },
  { id: 'fashion', label: '服饰' },
  { id: 'food', label: '食品' },
  { id: 'digital', label: '数码' },
  { id: 'home', label: '家居' },
  { id: 'mother_baby', label: '母婴' },
  { id: 'health', label: '健康' },
  { id: 'sports', label: '运动' },
  { id: 'books', label: '图书' },
  { id: 'pets', label: '宠物' },
  { id: 'other', label: '其他' },
];
