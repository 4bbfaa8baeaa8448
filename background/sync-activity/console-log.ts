/**
 * Console messages and uncaught exceptions of service workers (Runtime.consoleAPICalled and
 * Runtime.exceptionThrown on their sessions), held a while so a dispatch's outcome can take the
 * ones written during it. Text only: arguments are described, never kept as objects.
 */
import type { Protocol } from 'devtools-protocol';
import { MAX_CONSOLE_TEXT, MAX_URL, type ConsoleActivity } from '../../extension/activity-model.ts';

const MAX_HELD = 1000;

interface HeldLine extends ConsoleActivity {
  origin: string;
}

export class ConsoleLog {
  private readonly lines: HeldLine[] = [];

  consoleCalled(origin: string, e: Protocol.Runtime.ConsoleAPICalledEvent): void {
    const text = e.args.map(describe).join(' ');
    this.push({ origin, at: e.timestamp, level: e.type, text, ...location(e.stackTrace?.callFrames[0]) });
  }

  exceptionThrown(origin: string, e: Protocol.Runtime.ExceptionThrownEvent): void {
    const d = e.exceptionDetails;
    const text = d.exception?.description ?? d.text;
    const frame = d.stackTrace?.callFrames[0];
    const where = frame
      ? location(frame)
      : d.url
        ? { location: { url: d.url.slice(0, MAX_URL), line: d.lineNumber + 1, column: d.columnNumber + 1 } }
        : {};
    this.push({ origin, at: e.timestamp, level: 'exception', text, ...where });
  }

  within(origin: string, from: number, to: number): ConsoleActivity[] {
    return this.lines
      .filter((l) => l.origin === origin && l.at >= from && l.at <= to)
      .map(({ origin: _origin, ...line }) => line);
  }

  private push(line: HeldLine): void {
    line.text = line.text.slice(0, MAX_CONSOLE_TEXT);
    this.lines.push(line);
    if (this.lines.length > MAX_HELD) this.lines.shift();
  }
}

function describe(arg: Protocol.Runtime.RemoteObject): string {
  if (arg.type === 'string') return String(arg.value);
  if (arg.type === 'undefined') return 'undefined';
  if ('value' in arg && arg.type !== 'object') return String(arg.value);
  if (arg.subtype === 'null') return 'null';
  return arg.description ?? arg.className ?? arg.type;
}

function location(frame: Protocol.Runtime.CallFrame | undefined): Pick<ConsoleActivity, 'location'> {
  if (!frame?.url) return {};
  // CDP counts lines and columns from 0; people (and openResource's caller) from 1.
  return { location: { url: frame.url.slice(0, MAX_URL), line: frame.lineNumber + 1, column: frame.columnNumber + 1 } };
}
