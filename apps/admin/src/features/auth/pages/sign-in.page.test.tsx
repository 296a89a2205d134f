import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../app/i18n/i18n';
import { renderWithApp } from '../../../test/render';
import { SignInPage, safeNext } from './sign-in.page';

function mockApi(signIn: { status: number; body: unknown }) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url.startsWith('/api/me')) return new Response(JSON.stringify({ code: 'UNAUTHORIZED', message: 'no' }), { status: 401 });
      return new Response(JSON.stringify(signIn.body), { status: signIn.status });
    }),
  );
}

async function submit(email: string, password: string) {
  fireEvent.change(screen.getByTestId('sign-in-email'), { target: { value: email } });
  fireEvent.change(screen.getByTestId('sign-in-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('sign-in-submit'));
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await i18n.changeLanguage('en');
});

describe('sign-in page', () => {
  it('explains a rate limit in words', async () => {
    mockApi({ status: 429, body: { code: 'RATE_LIMITED', message: 'Too Many Requests' } });
    renderWithApp(<SignInPage />, { path: '/sign-in' });
    await submit('director@demo.local', 'wrong');
    await waitFor(() => expect(screen.getByTestId('sign-in-error').textContent).toMatch(/Too many sign-in attempts/));
  });

  it('says wrong credentials in Russian when Russian is chosen', async () => {
    await i18n.changeLanguage('ru');
    mockApi({ status: 401, body: { code: 'INVALID_CREDENTIALS', message: 'Invalid' } });
    renderWithApp(<SignInPage />, { path: '/sign-in' });
    await submit('director@demo.local', 'wrong');
    await waitFor(() => expect(screen.getByTestId('sign-in-error').textContent).toBe('Неверная эл. почта или пароль.'));
  });

  it('checks the form before calling the API', async () => {
    mockApi({ status: 200, body: {} });
    renderWithApp(<SignInPage />, { path: '/sign-in' });
    await submit('not-an-email', '');
    expect(await screen.findByText('Enter an email address such as name@company.com.')).toBeTruthy();
    expect(screen.getByText('This field is required.')).toBeTruthy();
  });

  it('follows only same-app paths after sign-in', () => {
    expect(safeNext('/customers?page=2')).toBe('/customers?page=2');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
