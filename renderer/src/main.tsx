// The entry stays small: it sends the start's requests first (lib/start-up), then runs the app (boot.tsx), which
// index.html has been fetching beside it, so the engine answers while React and the screens load and compile. The app
// renders once the first screen's answers are in, or after a short wait.
import { appRoot, firstScreenAnswers } from './lib/start-up';
import './styles/app.css';
import './styles/calendar.css';
import './styles/manager.css';
import './styles/media.css';

if (appRoot) {
  const root = appRoot;
  Promise.all([import('./boot'), firstScreenAnswers()]).then(
    ([{ boot }, answered]) => boot(root, { answered }),
    () => {
      // The app's own file did not load (a damaged install, or the server of a browser tab went away).
      const box = document.createElement('div');
      box.className = 'state state-error';
      box.setAttribute('role', 'alert');
      box.textContent = 'Publishing Engine could not load its screens. Reload the window; if this stays, reinstall the app.';
      root.replaceChildren(box);
    },
  );
}
