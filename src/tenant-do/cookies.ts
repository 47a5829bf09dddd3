// The sign-in cookie: HttpOnly, SameSite=Lax, Secure on https, and scoped to one database's
// path so two databases never share it.

const COOKIE_NAME = "trove_session";

export function signInCookie(database: string, token: string, secure: boolean): string {
  return `${COOKIE_NAME}=${token}; Path=/t/${database}/; HttpOnly; SameSite=Lax; Max-Age=${60 * 60 * 24 * 90}${secure ? "; Secure" : ""}`;
}

export function clearCookie(database: string, secure: boolean): string {
  return `${COOKIE_NAME}=; Path=/t/${database}/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}

export function readCookie(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === COOKIE_NAME) return part.slice(eq + 1).trim();
  }
  return undefined;
}
