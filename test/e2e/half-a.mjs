// One of the two halves `npm run test:e2e` runs at once (run.mjs): each half is its own process,
// with its own wrangler dev and Chromium (harness.mjs). The halves are balanced by the time their
// tests take in CI; a new test file goes into the half that is shorter.
import "./history.test.mjs";
import "./charts.test.mjs";
import "./pages.test.mjs";
import "./grid.test.mjs";
import "./forms.test.mjs";
import "./views-nested.test.mjs";
import "./views.test.mjs";
import "./calendar.test.mjs";
import "./form-summary.test.mjs";
import "./members.test.mjs";
import "./import-into.test.mjs";
import "./derived-progress.test.mjs";
import "./view-pages.test.mjs";
