/** Entry point of the `inbox-worker` executable. */
import { main } from '../src/cli/run-cli.js';

await main(process.argv.slice(2));
