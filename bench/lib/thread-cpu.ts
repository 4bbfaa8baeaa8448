/**
 * CPU time of Chromium's own threads, read from Linux's /proc (schedstat: nanoseconds on a CPU),
 * from outside the browser: no profiler or probe adds to what it measures. Used for the extension
 * service worker's thread, which `Performance.getMetrics` does not reach.
 */
import { readdirSync, readFileSync } from 'node:fs';

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function parentOf(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  // "pid (comm) state ppid ...": comm may hold spaces and brackets, so read after the last ')'.
  const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields ? Number(fields[1]) : undefined;
}

function descends(pid: number, ancestor: number): boolean {
  for (let p: number | undefined = pid, hops = 0; p && p > 1 && hops < 10; p = parentOf(p), hops++)
    if (p === ancestor) return true;
  return false;
}

export interface ExtensionThreads {
  pid: number;
  /** The renderer's main thread: our pages' (the panel's) main thread. */
  mainTid: number;
  /** The extension service worker's thread. */
  workerTid: number | undefined;
}

/** The renderer of our extension (flag --extension-process) among the browser's descendants. */
export function findExtensionRenderer(browserPid: number): ExtensionThreads | undefined {
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const cmdline = read(`/proc/${pid}/cmdline`);
    if (!cmdline?.includes('--type=renderer') || !cmdline.includes('--extension-process')) continue;
    if (!descends(pid, browserPid)) continue;
    let workerTid: number | undefined;
    for (const tid of readdirSync(`/proc/${pid}/task`))
      if (read(`/proc/${pid}/task/${tid}/comm`)?.startsWith('ServiceWorker')) workerTid = Number(tid);
    return { pid, mainTid: pid, workerTid };
  }
  return undefined;
}

/** A thread's CPU time so far, ms (0 when it is gone). */
export function threadCpuMs(pid: number, tid: number): number {
  const schedstat = read(`/proc/${pid}/task/${tid}/schedstat`);
  return schedstat ? Number(schedstat.split(' ')[0]) / 1e6 : 0;
}

/** All threads of a process, dead ones included (utime + stime of /proc/PID/stat: 10 ms ticks), ms. */
export function processCpuMs(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the comm: state is field 3 of stat(5), utime 14 and stime 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux this bench runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;
