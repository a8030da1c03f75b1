import { describe, expect, it } from "vitest";
import { assignableRoles, canAssign } from "~/models/people/permissions";
import { getFixedT } from "~/utils/i18n";

describe("the customer-care role", () => {
  it("is granted by administrators only, and is named in both languages", () => {
    expect(assignableRoles(["admin"])).toContain("care");
    expect(assignableRoles(["hr"])).not.toContain("care");
    expect(canAssign(["hr"], ["employee", "care"])).toBe(false);
    expect(canAssign(["admin"], ["care"])).toBe(true);
    expect(getFixedT("es")("roles.care")).toBe("Atención al cliente");
    expect(getFixedT("en")("roles.care")).toBe("Customer care");
  });
});
