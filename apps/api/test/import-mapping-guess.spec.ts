import { describe, expect, it } from 'vitest';
import { guessMapping, SOURCES } from '../src/modules/imports/sources.js';

describe('column mapping guessed from a file’s own header names', () => {
  it('a billing export’s transaction_id is the external id, its customer_id the customer', () => {
    const m = guessMapping(SOURCES.transactions, ['transaction_id', 'customer_id', 'date', 'amount', 'type']);
    expect(m.external_id).toBe('transaction_id');
    expect(m.customer_external_id).toBe('customer_id');
    expect(m.occurred_on).toBe('date');
    expect(m.amount).toBe('amount');
  });

  it('a CRM export’s customer_id is the customer’s external id; Russian names too', () => {
    expect(guessMapping(SOURCES.customers, ['customer_id', 'company']).external_id).toBe('customer_id');
    expect(guessMapping(SOURCES.customers, ['Код клиента', 'Название']).external_id).toBe('Код клиента');
    expect(guessMapping(SOURCES.transactions, ['Номер платежа', 'Клиент', 'Дата', 'Сумма']).external_id).toBe('Номер платежа');
  });
});
