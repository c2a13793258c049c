/** Entry point of the `inbox-worker` executable. */
import { main } from './run-cli.js';

await main(process.argv.slice(2));
