import type { AccessRule } from "../access-rule";

// The board is for every signed-in person; editor-only intents (status, hiding a comment) are refused
// inside the action with 403 and tested in tests/ideas/routes.test.ts. Unknown ids answer 404.
export const rules: AccessRule[] = [
  { file: "board._index", path: "/board", loader: "signed-in", action: "signed-in" },
  { file: "board.$id", path: "/board/unknown", params: { id: "unknown" }, loader: "signed-in", action: "signed-in" },
];
