import type { SyncActivity } from '../../extension/activity-model.ts';
import { formatTime } from '../format.ts';
import { SourceLink } from './SourceLink.tsx';

/** What the worker logged and threw during the dispatch, each with where in its code. */
export function SyncConsole({ activity }: { activity: SyncActivity }) {
  return (
    <>
      <h4>Console and errors of the worker</h4>
      {activity.console.length === 0 ? (
        <p class="muted">Nothing logged.</p>
      ) : (
        <ul class="sync-console" aria-label="Console of this sync">
          {activity.console.map((line, i) => (
            <li
              key={i}
              class={`console-${line.level === 'exception' || line.level === 'error' ? 'error' : line.level}`}
            >
              <span class="muted">{formatTime(line.at)} </span>
              <span class="console-level">{line.level}</span>{' '}
              <span class="console-text" data-testid="console-text">
                {line.text}
              </span>
              {line.location && <SourceLink location={line.location} />}
            </li>
          ))}
        </ul>
      )}
      {activity.droppedConsole ? <p class="muted">{activity.droppedConsole} more lines not kept.</p> : null}
    </>
  );
}
