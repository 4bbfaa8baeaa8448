/**
 * Routes panel ports to sessions: a Map<tabId, Session>. The router is not a brain: it checks who is
 * talking and in which version, and forwards commands.
 */
import {
  isPanelMessage,
  PROTOCOL_VERSION,
  type BackgroundToPanel,
  type CommandMessage,
  type CommandName,
  type Commands,
} from '../extension/messages.ts';
import type { RecordLog } from './record-log.ts';
import { Session, type SessionDeps } from './session.ts';
import { errorMessage } from '../extension/error-message.ts';

type Port = chrome.runtime.Port;

export class Router {
  private readonly sessions = new Map<number, Session>();

  constructor(
    private readonly log: RecordLog,
    private readonly deps: SessionDeps,
  ) {}

  accept(port: Port): void {
    let session: Session | undefined;
    let greeted: Promise<void> | undefined;
    let gone = false;
    port.onMessage.addListener((message: unknown) => {
      if (!isPanelMessage(message)) return;
      if (message.type === 'hello') {
        if (greeted) return;
        if (message.version !== PROTOCOL_VERSION) {
          send(port, {
            type: 'refused',
            reason: `Panel speaks version ${message.version}, background ${PROTOCOL_VERSION}: reload the extension.`,
          });
          port.disconnect();
          return;
        }
        // The welcome carries the stored timeline: answer only once it is loaded.
        greeted = this.log.load().then(() => {
          if (gone) return;
          // A worker kept alive for days by an open panel drops what aged out when a panel opens.
          this.log.expireOld();
          session = this.sessionFor(message.tabId);
          session.addPort(port);
        });
        return;
      }
      // A command sent right after hello waits for the welcome rather than being lost.
      if (message.type === 'command') void greeted?.then(() => session && this.run(port, session, message));
      if (message.type === 'sendOlder') void greeted?.then(() => session?.sendOlder(port));
    });
    port.onDisconnect.addListener(() => {
      gone = true;
      if (!session) return;
      session.removePort(port);
      // A tab the user keeps recording stays attached with no panel open.
      if (session.portCount === 0 && !session.keepsRecording) {
        session.dispose();
        this.sessions.delete(session.tabId);
      }
    });
  }

  /** After a restart of the extension's worker: attach again to the tabs kept recording. */
  async restoreKept(tabIds: readonly number[]): Promise<void> {
    for (const tabId of tabIds) {
      if (this.sessions.has(tabId)) continue;
      const session = this.sessionFor(tabId);
      await session.resumeKept();
      if (!session.attached) {
        // The tab is gone (or refuses us now): forget the opt-in rather than retry forever.
        await session.command('setKeepRecording', { on: false }).catch(() => {});
        if (session.portCount === 0) {
          session.dispose();
          this.sessions.delete(tabId);
        }
      }
    }
  }

  private sessionFor(tabId: number): Session {
    let session = this.sessions.get(tabId);
    if (!session) {
      const made: Session = new Session(tabId, this.log, this.deps, () => {
        if (this.sessions.get(tabId) !== made || made.portCount > 0) return;
        made.dispose();
        this.sessions.delete(tabId);
      });
      session = made;
      this.sessions.set(tabId, session);
    }
    return session;
  }

  private async run(port: Port, session: Session, message: CommandMessage): Promise<void> {
    try {
      const { name, params } = message as { name: CommandName; params: Commands[CommandName]['params'] };
      const value = await session.command(name, params, port);
      send(port, { type: 'result', id: message.id, ok: true, value });
    } catch (error) {
      send(port, { type: 'result', id: message.id, ok: false, error: errorMessage(error) });
    }
  }
}

function send(port: Port, message: BackgroundToPanel): void {
  try {
    port.postMessage(message);
  } catch {
    // The panel went away meanwhile: nothing to tell.
  }
}
