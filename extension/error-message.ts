/** What to show of something thrown: an Error's message, or the value as text (anything can be thrown). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
