// The longest event-loop stall while one large spreadsheet is uploaded for import (issue 18):
// a 300,000-row XLSX and a 16 MB CSV, each refused for its rows. Prints the longest stall
// (perf_hooks.monitorEventLoopDelay) and the growth of the process's memory. `node bench/upload-stall.ts`.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { registerModule } from '../src/modules/register/index.ts';
import { agencyWithAdministrator, memberWithRole } from '../src/platform/testing/agencies.ts';
import { uploadTo } from '../src/platform/testing/multipart.ts';
import { startVaka } from '../src/platform/testing/start-vaka.ts';

async function xlsxOf(rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (part: Buffer) => parts.push(part));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Register');
  sheet.addRow(['Organisation', 'Kind']).commit();
  for (let n = 0; n < rows; n++) sheet.addRow([`Society ${n % 500}`, 'trust']).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(parts);
}

function csvOf(megabytes: number): Buffer {
  const line = `Society of the islands number 0000000,${'community-group '.repeat(4)}\n`;
  const rows = Math.floor((megabytes * 1024 * 1024) / line.length);
  return Buffer.from(`Organisation,Kind\n${line.repeat(rows)}`);
}

const vaka = await startVaka({ modules: registerModule });
const { admin } = await agencyWithAdministrator(vaka, 'Ministry of Internal Affairs', 'admin@mia.test');
const coordinator = await memberWithRole(vaka, admin, 'mere@mia.test', 'partnership-coordinator');
const files = [
  { name: 'national.xlsx', bytes: await xlsxOf(300_000) },
  { name: 'national.csv', bytes: csvOf(16) },
];
for (const file of files) {
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const reply = await uploadTo(vaka.app, coordinator, '/api/v1/register/imports', file);
  const took = performance.now() - started;
  // A stall is recorded when the monitor's timer next runs: give it that turn.
  await new Promise((resolve) => setTimeout(resolve, 50));
  delay.disable();
  const grown = (process.memoryUsage().rss - rss) / 1024 / 1024;
  console.log(
    `${file.name} (${(file.bytes.length / 1024 / 1024).toFixed(1)} MB): ${reply.status}, ${took.toFixed(0)} ms in all, longest stall ${(delay.max / 1e6).toFixed(0)} ms, memory +${grown.toFixed(0)} MB`,
  );
}
await vaka.close();
