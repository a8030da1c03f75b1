/** A promise a test opens when it chooses: one transaction waits on it while another is started beside it. */
export function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
