import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.css';
import './styles/calendar.css';
import { App } from './App';
import { installWebBridge } from './lib/web-bridge';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
// window.api comes from the Electron preload, or from the web bridge when `npm run web` serves this page.
if (installWebBridge(root)) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
