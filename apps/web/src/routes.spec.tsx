/**
 * @jest-environment jsdom
 */
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor } from '@testing-library/react';
import './i18n';
import { createQueryClient } from './api/query-client';
import { sessionEnded } from './session';

// react-markdown ships only as an ES module, which this jest setup does not load; no test here shows a message.
jest.mock('./ui/Markdown', () => ({ MessageMarkdown: () => null }));
let createAppRouter: (typeof import('./routes'))['createAppRouter'];
beforeAll(async () => {
  ({ createAppRouter } = await import('./routes'));
});

// jsdom has no fetch API, and the router makes a redirect as a `Response` (status and headers are all it reads).
if (typeof globalThis.Response === 'undefined') {
  class RedirectResponse {
    readonly status: number;
    readonly headers: Map<string, string>;
    constructor(_body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
      this.status = init.status ?? 200;
      this.headers = new Map(Object.entries(init.headers ?? {}));
    }
  }
  Object.assign(globalThis, { Response: RedirectResponse });
}

// Nor does it lay anything out: moving to the top of a new page does nothing here.
window.scrollTo = () => undefined;

function open(path: string) {
  // A visitor: the member pages answer with the sign-in prompt, without asking the API anything.
  sessionEnded();
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe('the route tree', () => {
  it('shows the 404 page, inside the frame, for a path that names no page', async () => {
    open('/no-such-page');
    expect(await screen.findByTestId('not-found')).toBeTruthy();
    expect(document.querySelector('main#main')).toBeTruthy();
  });

  it('sends /admin to its first section, /admin/users', async () => {
    const router = open('/admin');
    await waitFor(() => expect(router.state.location.pathname).toBe('/admin/users'));
    expect(await screen.findByTestId('sign-in-required')).toBeTruthy();
  });

  it('answers 404 for an admin section that does not exist, even to a visitor', async () => {
    open('/admin/no-such-section');
    expect(await screen.findByTestId('not-found')).toBeTruthy();
  });

  it('gives the detail pages their typed param, behind the sign-in prompt for visitors', async () => {
    const router = open('/directory/mauritius%20police');
    expect(await screen.findByTestId('sign-in-required')).toBeTruthy();
    const match = router.state.matches.find((m) => m.routeId === '/member/directory/$authorityId');
    expect(match?.params).toEqual({ authorityId: 'mauritius police' });
  });
});
