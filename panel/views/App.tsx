import { useEffect } from 'preact/hooks';
import { PanelContext, type PanelContextValue } from '../state/context.ts';
import { EventLog } from './EventLog.tsx';
import { FireTagForm } from './FireTagForm.tsx';
import { Notices } from './Notices.tsx';
import { DropZone } from './DropZone.tsx';
import { Registrations } from './Registrations.tsx';
import { WhyWontItFire } from './WhyWontItFire.tsx';
import { StatusBar } from './StatusBar.tsx';
import { SplitView } from './SplitView.tsx';

export function App({ context }: { context: PanelContextValue }) {
  const { store } = context;
  useRecordShortcut(context);
  if (store.refused.value) {
    return (
      <p role="alert" class="fatal">
        {store.refused.value}
      </p>
    );
  }
  return (
    <PanelContext.Provider value={context}>
      <DropZone>
        <div class="layout">
          <StatusBar />
          <Notices />
          <SplitView
            firstLabel="Registrations"
            secondLabel="Sync events"
            first={
              <>
                <Registrations />
                <FireTagForm />
                <WhyWontItFire />
              </>
            }
            second={<EventLog />}
          />
        </div>
      </DropZone>
    </PanelContext.Provider>
  );
}

/** Ctrl+E (Cmd+E on a Mac) starts and stops recording, as in DevTools' own Background services view. */
function useRecordShortcut({ actions }: PanelContextValue) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'e') return;
      e.preventDefault();
      void actions.toggleRecording();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [actions]);
}
