// What server.ts hands every loader and action as Remix's `context`, declared once for the
// whole app (module augmentation): routes read `context.clientAddress` without a cast, and
// server.ts's getLoadContext must return exactly this.

declare module '@remix-run/server-runtime' {
  interface AppLoadContext {
    /** Logged with every unexpected error and shown on the error page, so a report can be matched to a log line. */
    requestId: string;
    /** This response's CSP nonce for inline scripts (the same value is in its Content-Security-Policy header). */
    nonce: string;
    /** The client's address as Express sees it through TRUST_PROXY, for the per-address limits. */
    clientAddress: string;
  }
}

export {};
