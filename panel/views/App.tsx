import { PanelContext, type PanelContextValue } from '../state/context.ts';
import { EventLog } from './EventLog.tsx';
import { FireTagForm } from './FireTagForm.tsx';
import { Notices } from './Notices.tsx';
import { DropZone } from './DropZone.tsx';
import { Registrations } from './Registrations.tsx';
import { WhyWontItFire } from './WhyWontItFire.tsx';
import { StatusBar } from './StatusBar.tsx';
import { KeepRecording } from './Instrumentation.tsx';
import { RetentionSettings } from './RetentionSettings.tsx';

export function App({ context }: { context: PanelContextValue }) {
  const { store } = context;
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
          <KeepRecording />
          <Notices />
          <main class="columns">
            <section class="left" aria-label="Registrations">
              <Registrations />
              <FireTagForm />
              <WhyWontItFire />
              <RetentionSettings />
            </section>
            <section class="right" aria-label="Sync events">
              <EventLog />
            </section>
          </main>
        </div>
      </DropZone>
    </PanelContext.Provider>
  );
}
