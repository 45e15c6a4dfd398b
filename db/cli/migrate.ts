import { closeConnection, getDb } from "../index";
import { migrateToLatest } from "../migrate";
import { logger } from "../logger";

const applied = await migrateToLatest(await getDb());
logger.info("migrations applied", { count: applied.length, names: applied });
await closeConnection();
