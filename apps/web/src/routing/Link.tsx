import type { ReactNode } from "react";
import { navigate } from "./navigate.ts";

/** An in-app link: a real `<a href>` (open in a new tab works), followed without a reload on a plain click. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a
      href={to}
      className={className}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate({ to });
      }}
    >
      {children}
    </a>
  );
}
