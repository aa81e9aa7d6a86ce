/** `npm run grant-moderator -- us_…`: makes a signed-in user a moderator (their ID is shown in the console under 我的店铺). */
import { join } from 'node:path';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openSqlite } from '../src/db/sqlite';
import { grantRole } from '../src/users/users';

const userId = process.argv[2];
if (!userId || !/^us_[0-9a-f]{32}$/.test(userId)) {
  console.error('usage: npm run grant-moderator -- us_<32 hex digits>  (the user must have signed in once)');
  process.exit(2);
}
const config = loadConfig(process.env);
const db = openSqlite(join(config.dataDir, 'jishi.db'));
const granted = await grantRole(db, systemClock.now(), userId, 'moderator');
db.raw.close();
if (!granted) {
  console.error(`No user ${userId} in ${config.dataDir}: they must sign in to the console once first`);
  process.exit(1);
}
console.log(`${userId} is now a moderator`);
