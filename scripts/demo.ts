// npm run demo: Vaka on a throwaway data folder with the demonstration data, printing the sign-ins.
import { DEMONSTRATION_PASSWORD, demonstrationStaff } from '../src/platform/setup/demonstration.ts';
import { DEMONSTRATION_ADMIN, startDemonstrationVaka } from './demonstration-vaka.ts';

const vaka = await startDemonstrationVaka({});
console.log(
  `\nVaka demonstration at ${vaka.url} (data in ${vaka.dataDir}, thrown away when you delete it)\n`,
);
console.log('Sign in as any of these, password ' + DEMONSTRATION_PASSWORD + ':');
console.log(`  administrator            ${DEMONSTRATION_ADMIN}`);
for (const person of demonstrationStaff) console.log(`  ${person.role.padEnd(24)} ${person.email}`);

const stop = async () => {
  await vaka.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
