// The other half of the browser tests (see half-a.mjs and run.mjs).
import "./live.test.mjs";
import "./dialogs.test.mjs";
import "./tables.test.mjs";
import "./derived.test.mjs";
import "./account.test.mjs";
import "./backups.test.mjs";
import "./entry2.test.mjs";
import "./view-groups.test.mjs";
import "./entry.test.mjs";
import "./history-lines.test.mjs";
import "./import.test.mjs";
import "./import-file.test.mjs";
import "./form-link-choice.test.mjs";
import "./typed-during-reply.test.mjs";
