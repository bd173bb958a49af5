import { useSyncExternalStore } from "react";

const subscribe = (onChange: () => void) => {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
};

/** The current path, updated on `navigate` and on the browser's back and forward buttons. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}
