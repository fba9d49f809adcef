/**
 * Tells a response apart from the one the user is waiting for: each request takes a ticket,
 * and only the newest ticket's response is applied. A slow preview for the port picked first
 * must not overwrite the preview of the port picked after it.
 */
export function latestRequest() {
  let newest = 0;
  return {
    take: () => ++newest,
    isLatest: (ticket: number) => ticket === newest,
  };
}
