import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { translate } from '../state/i18n';

function App() {
  return (
    <main>
      <h1>{translate('en', 'app.title')}</h1>
      <p>{translate('en', 'app.tagline')}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
