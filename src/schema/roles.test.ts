import { expect, it } from "vitest";
import { can, canInvite, isRole, ROLES } from "./roles";

it("grants each role exactly its level", () => {
  const table = Object.fromEntries(
    ROLES.map((r) => [r, (["read", "write", "build", "manage"] as const).filter((p) => can(r, p))]),
  );
  expect(table).toEqual({
    owner: ["read", "write", "build", "manage"],
    builder: ["read", "write", "build"],
    editor: ["read", "write"],
    viewer: ["read"],
  });
});

it("recognises role names only", () => {
  expect(isRole("editor")).toBe(true);
  expect(isRole("admin")).toBe(false);
  expect(isRole(3)).toBe(false);
});

it("only members who manage invite, at their own role or below", () => {
  expect(ROLES.map((role) => canInvite("owner", role))).toEqual([true, true, true, true]);
  for (const inviter of ["builder", "editor", "viewer"] as const) {
    expect(ROLES.some((role) => canInvite(inviter, role))).toBe(false);
  }
});
