import { useState } from 'preact/hooks';
import type { RequestActivity, RequestDetail, SyncActivity } from '../../extension/activity-model.ts';
import { formatBytes } from '../activity-format.ts';
import { usePanel } from '../state/context.ts';

/** The requests the handler sent during the dispatch: what, the answer, how long, how big; more on demand. */
export function SyncRequests({ activity }: { activity: SyncActivity }) {
  return (
    <>
      <h4>Requests sent by the handler</h4>
      {activity.requests.length === 0 ? (
        <p class="muted">None seen.</p>
      ) : (
        <ul class="sync-requests" aria-label="Requests of this sync">
          {activity.requests.map((r) => (
            <RequestRow key={r.key} request={r} />
          ))}
        </ul>
      )}
      {activity.droppedRequests ? <p class="muted">{activity.droppedRequests} more not kept.</p> : null}
    </>
  );
}

function outcomeText(r: RequestActivity): string {
  if (r.error) return r.error;
  if (r.status !== undefined) return `${r.status}${r.statusText ? ` ${r.statusText}` : ''}`;
  return 'no answer seen';
}

function RequestRow({ request: r }: { request: RequestActivity }) {
  const { actions } = usePanel();
  const [detail, setDetail] = useState<RequestDetail | 'loading' | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const toggle = async () => {
    if (detail) return setDetail(undefined);
    setDetail('loading');
    setProblem(undefined);
    const answer = await actions.requestDetail(r.key);
    if (answer) setDetail(answer);
    else {
      setDetail(undefined);
      setProblem('Headers and body are no longer held.');
    }
  };
  return (
    <li class="sync-request" data-testid="sync-request">
      <span class="request-method" data-testid="request-method">
        {r.method}
      </span>{' '}
      <span class="request-url" data-testid="request-url">
        {r.url}
      </span>{' '}
      <span class={r.error || (r.status ?? 0) >= 400 ? 'problem' : ''} data-testid="request-outcome">
        {outcomeText(r)}
      </span>
      {r.faked && (
        <span class="faked" data-testid="request-faked" title="Answered by Sync Inspector, not by the server">
          {' '}
          faked: {r.faked}
        </span>
      )}
      <span class="muted">
        {r.durationMs !== undefined ? ` · ${r.durationMs} ms` : ''}
        {r.requestSize !== undefined ? ` · sent ${formatBytes(r.requestSize)}` : ''}
        {r.responseSize !== undefined ? ` · received ${formatBytes(r.responseSize)}` : ''}
      </span>{' '}
      <button type="button" class="link" aria-expanded={detail !== undefined && detail !== 'loading'} onClick={toggle}>
        Headers and body
      </button>
      {problem && <span class="muted"> {problem}</span>}
      {detail && detail !== 'loading' && <RequestDetailView detail={detail} />}
    </li>
  );
}

function RequestDetailView({ detail }: { detail: RequestDetail }) {
  return (
    <div class="request-detail">
      <Headers title="Request headers" headers={detail.requestHeaders} />
      <Headers title="Response headers" headers={detail.responseHeaders} />
      {detail.body && (
        <>
          <h5>
            Request body ({formatBytes(detail.body.size)}, {detail.body.encoding}
            {detail.body.truncated ? ', cut' : ''})
          </h5>
          <pre class="raw" data-testid="request-body">
            {detail.body.data}
          </pre>
        </>
      )}
    </div>
  );
}

function Headers({ title, headers }: { title: string; headers: Array<{ name: string; value: string }> }) {
  if (!headers.length) return null;
  return (
    <>
      <h5>{title}</h5>
      <dl class="fields">
        {headers.map((h, i) => (
          <div class="field" key={i}>
            <dt>{h.name}</dt>
            <dd>{h.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
