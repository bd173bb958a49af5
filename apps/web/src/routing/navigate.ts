/**
 * Goes to another page without a reload (history routing): pushes the URL and tells `usePath`.
 *
 * @example
 * navigate({ to: "/jobs/3" });
 */
export function navigate({ to }: { to: string }): void {
  if (to === window.location.pathname) return;
  window.history.pushState(null, "", to);
  window.dispatchEvent(new PopStateEvent("popstate"));
}
