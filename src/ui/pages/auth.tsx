// Pages outside a session: sign-up, sign-in, accepting an invitation, and "not found".
// They are plain HTML forms, so they work without JavaScript.

import type { Child } from "hono/jsx";
import { LIMITS } from "../../schema/account-inputs";
import { Document } from "./document";
import { grouped } from "../../schema/text";

function Card(props: { title: string; lead?: string; children: Child; scripts?: string[] }) {
  return (
    <Document title={`${props.title} · Trove`} scripts={props.scripts}>
      <main class="auth">
        <a class="brand large" href="/">
          <span class="logo" aria-hidden="true">T</span> Trove
        </a>
        <div class="card auth-card">
          <h1>{props.title}</h1>
          {props.lead && <p class="lead">{props.lead}</p>}
          {props.children}
        </div>
      </main>
    </Document>
  );
}

function Field(props: { id: string; label: string; type?: string; value?: string; error?: string; hint?: string; autocomplete?: string; required?: boolean; prefix?: string; maxlength?: number }) {
  const describedBy = [props.error ? `${props.id}-error` : "", props.hint ? `${props.id}-hint` : ""].filter(Boolean).join(" ");
  return (
    <div class={props.error ? "field has-error" : "field"}>
      <label for={props.id}>{props.label}</label>
      <div class={props.prefix ? "with-prefix" : undefined}>
        {props.prefix && <span class="prefix">{props.prefix}</span>}
        <input id={props.id} name={props.id} type={props.type ?? "text"} value={props.value ?? ""} autocomplete={props.autocomplete} maxlength={props.maxlength} required={props.required ?? true} aria-invalid={props.error ? "true" : undefined} aria-describedby={describedBy || undefined} />
      </div>
      {props.hint && <p class="hint" id={`${props.id}-hint`}>{props.hint}</p>}
      {props.error && <p class="field-error" id={`${props.id}-error`}>{props.error}</p>}
    </div>
  );
}

const PASSWORD_HINT = `At least ${LIMITS.passwordMin} characters (up to ${grouped(LIMITS.passwordBytes)}).`;

export interface SignUpValues {
  database?: string;
  name?: string;
  email?: string;
  sample?: boolean;
}

export function SignUpPage(props: { values?: SignUpValues; errors?: Partial<Record<"database" | "name" | "email" | "password" | "backup" | "form", string>> }) {
  const v = props.values ?? {};
  const e = props.errors ?? {};
  return (
    <Card title="Create your database" lead="Tables, views and forms for your team, shaped by pointing and clicking. No spreadsheets to email around.">
      <form method="post" action="/" enctype="multipart/form-data" novalidate>
        {e.form && <p class="form-error" role="alert">{e.form}</p>}
        <Field id="database" label="Database name" value={v.database} error={e.database} prefix="/t/" hint="3–40 lowercase letters, digits or hyphens. It becomes your address." autocomplete="off" maxlength={LIMITS.databaseName} />
        <Field id="name" label="Your name" value={v.name} error={e.name} autocomplete="name" required={false} maxlength={LIMITS.displayName} />
        <Field id="email" label="Email" type="email" value={v.email} error={e.email} autocomplete="email" maxlength={LIMITS.email} />
        <Field id="password" label="Password" type="password" error={e.password} hint={PASSWORD_HINT} autocomplete="new-password" maxlength={LIMITS.passwordBytes} />
        <div class="field checkbox">
          <input id="sample" name="sample" type="checkbox" value="yes" checked={v.sample === true} />
          <label for="sample">Start with the sample orchestra database</label>
          <p class="hint">Musicians, sections, concerts and donors — a few hundred records to explore, some of them deliberately untidy.</p>
        </div>
        <div class={e.backup ? "field has-error" : "field"}>
          <label for="backup">Or restore a backup <span class="muted">(optional)</span></label>
          <input id="backup" name="backup" type="file" accept=".gz,application/gzip" aria-invalid={e.backup ? "true" : undefined} aria-describedby={e.backup ? "backup-error backup-hint" : "backup-hint"} />
          <p class="hint" id="backup-hint">A <span class="mono">.trove-backup.gz</span> file an owner downloaded from a Trove database (Members → Backup). Its tables, records, views, forms and members come with it, and you become its owner.</p>
          {e.backup && <p class="field-error" id="backup-error">{e.backup} Choose the file again to retry.</p>}
        </div>
        <button class="button primary wide" type="submit">Create database</button>
      </form>
      <p class="aside">Already have one? Go to <span class="mono">/t/&lt;name&gt;/</span> to sign in, or enter its name:</p>
      <form method="get" action="/go" class="inline-form">
        <label class="visually-hidden" for="go-name">Database name</label>
        <input id="go-name" name="name" placeholder="database name" autocomplete="off" />
        <button class="button" type="submit">Sign in</button>
      </form>
    </Card>
  );
}

export function SignInPage(props: { database: string; email?: string; error?: string; next?: string }) {
  return (
    <Card title={`Sign in to ${props.database}`}>
      <form method="post" action={`/t/${props.database}/signin`} novalidate>
        {props.error && <p class="form-error" role="alert" id="signin-error">{props.error}</p>}
        <input type="hidden" name="next" value={props.next ?? ""} />
        <Field id="email" label="Email" type="email" value={props.email} autocomplete="email" maxlength={LIMITS.email} />
        <Field id="password" label="Password" type="password" autocomplete="current-password" maxlength={LIMITS.passwordBytes} />
        <button class="button primary wide" type="submit">Sign in</button>
      </form>
      <p class="aside"><a href={`/t/${props.database}/recover`}>Forgot your password?</a></p>
    </Card>
  );
}

export function InvitationPage(props: { database: string; token: string; email: string; role: string; error?: string; name?: string }) {
  return (
    <Card title={`Join ${props.database}`} lead={`You were invited as ${props.role === "editor" || props.role === "owner" ? "an" : "a"} ${props.role}. Choose a password to finish.`}>
      <form method="post" action={`/t/${props.database}/invite/${props.token}`} novalidate>
        {props.error && <p class="form-error" role="alert">{props.error}</p>}
        <div class="field">
          <label for="invited-email">Email</label>
          <input id="invited-email" type="email" value={props.email} readonly />
        </div>
        <Field id="name" label="Your name" value={props.name} autocomplete="name" required={false} maxlength={LIMITS.displayName} />
        <Field id="password" label="Password" type="password" hint={PASSWORD_HINT} autocomplete="new-password" maxlength={LIMITS.passwordBytes} />
        <button class="button primary wide" type="submit">Join database</button>
      </form>
    </Card>
  );
}

export function MessagePage(props: { title: string; message: string; link?: { href: string; label: string } }) {
  return (
    <Card title={props.title} lead={props.message}>
      {props.link && (
        <a class="button primary" href={props.link.href}>
          {props.link.label}
        </a>
      )}
    </Card>
  );
}

/** An owner-issued reset link: choose a new password. */
export function ResetPage(props: { database: string; token: string; email: string; error?: string }) {
  return (
    <Card title={`Choose a new password for ${props.database}`} lead="Setting a new password signs you out everywhere else.">
      <form method="post" action={`/t/${props.database}/reset/${props.token}`} novalidate>
        {props.error && <p class="form-error" role="alert">{props.error}</p>}
        <div class="field">
          <label for="reset-email">Email</label>
          <input id="reset-email" type="email" value={props.email} readonly />
        </div>
        <Field id="password" label="New password" type="password" hint={PASSWORD_HINT} autocomplete="new-password" maxlength={LIMITS.passwordBytes} />
        <button class="button primary wide" type="submit">Set password</button>
      </form>
    </Card>
  );
}

/** Shown once, right after sign-up or a recovery: the (new) recovery code, then on into the
 *  database. Trove keeps only its hash. */
export function RecoveryCodePage(props: { database: string; code: string; recovered?: boolean }) {
  return (
    <Card
      title={props.recovered ? "Your password is changed" : "Your recovery code"}
      lead={`${props.recovered ? "You are signed out everywhere else. Your old recovery code is spent: here is a new one." : `${props.database} is ready.`} If you ever forget your password, this code and your email let you choose a new one. Keep it somewhere safe: it is shown only now.`}
      scripts={["/copy.js"]}
    >
      <div class="copy-row recovery-code">
        <input id="recovery-code" class="mono" readonly value={props.code} aria-label="Recovery code" data-select-on-focus="" />
        <button type="button" class="button small copy-button" data-copy="recovery-code">Copy code</button>
      </div>
      <a class="button primary wide" href={`/t/${props.database}/`}>Continue to {props.database}</a>
    </Card>
  );
}

/** "Forgot your password?": email, recovery code and a new password. */
export function RecoverPage(props: { database: string; email?: string; error?: string }) {
  return (
    <Card title={`Forgot your password for ${props.database}?`} lead="Enter your email, the recovery code you were shown when you signed up (or made on My account), and a new password. Without a code, ask an owner of this database for a reset link.">
      <form method="post" action={`/t/${props.database}/recover`} novalidate>
        {props.error && <p class="form-error" role="alert">{props.error}</p>}
        <Field id="email" label="Email" type="email" value={props.email} autocomplete="email" maxlength={LIMITS.email} />
        <Field id="code" label="Recovery code" autocomplete="off" maxlength={LIMITS.recoveryCode} />
        <Field id="password" label="New password" type="password" hint={PASSWORD_HINT} autocomplete="new-password" maxlength={LIMITS.passwordBytes} />
        <button class="button primary wide" type="submit">Set new password</button>
      </form>
      <p class="aside"><a href={`/t/${props.database}/`}>Back to sign in</a></p>
    </Card>
  );
}
