import { defineConfig } from 'vitest/config';
import { isPdfJsException } from './src/read/pdfjs.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // pdf.js may leave one of its own promises rejected after reading a damaged page; billscore lets those go (pdfjs.ts).
    onUnhandledError: (error) => !isPdfJsException(error),
  },
});
