// Runs one scenario (argv[2]) and prints its figures as one JSON line.
import { SCENARIOS } from './scenarios';

const name = process.argv[2] as keyof typeof SCENARIOS;
const scenario = SCENARIOS[name];
if (!scenario) {
  process.stderr.write(`Unknown scenario "${process.argv[2]}". Known: ${Object.keys(SCENARIOS).join(', ')}\n`);
  process.exit(2);
}
scenario().then(
  (figures) => {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
