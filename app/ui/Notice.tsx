import type { ReactNode } from "react";
import { SuccessBanner } from "~/ui/Banner";

/** A success banner's words, and the flag that asked for them (a page may add a next step to one of them). */
interface Notice<F extends string> {
  flag: F;
  message: string;
}

/**
 * A page's success notice after a redirect: the action that saved redirects with a flag in the query string
 * (`?saved=1`), and the page's loader answers with the message of the first flag present, in the order listed, or
 * `null` for no banner.
 */
export function noticeFrom<F extends string>(request: Request, messages: Record<F, string>): Notice<F> | null {
  const query = new URL(request.url).searchParams;
  for (const [flag, message] of Object.entries(messages) as [F, string][]) {
    if (query.get(flag)) return { flag, message };
  }
  return null;
}

/** The success banner for the loader's notice, if any; `more`: what follows a flag's message, such as a next step. */
export function NoticeBanner<F extends string>({
  notice,
  more,
}: {
  notice: Notice<F> | null;
  more?: Partial<Record<F, ReactNode>>;
}) {
  return notice ? <SuccessBanner more={more?.[notice.flag]}>{notice.message}</SuccessBanner> : null;
}
