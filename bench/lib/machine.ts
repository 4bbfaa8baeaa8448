/** Where the figures were measured: they mean little without the machine and browser. */
import { cpus, totalmem } from 'node:os';
import type { Browser } from 'puppeteer-core';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGB: number;
  chromium: string;
  node: string;
  platform: string;
}

export async function describeMachine(browser: Browser): Promise<Machine> {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    chromium: await browser.version(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}
