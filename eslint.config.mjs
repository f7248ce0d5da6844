// ESLint for the project's JavaScript: `make lint` or `npm run lint` (docs/javascript.md).
// Layout and line length are Prettier's (.prettierrc.json); eslint-config-prettier
// turns off every rule that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// An unused `catch (err)` binding is harmless; unused arguments before a used one are the API.
const unusedVars = { args: 'after-used', caughtErrors: 'none', ignoreRestSiblings: true };

export default [
  {
    // Build output, including the Emscripten glue (build/wasm/engine/kb-core.js),
    // and installed packages are not ours to lint.
    ignores: ['build/**', 'node_modules/**', 'test-results/**'],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: 'error',
      // A variable read in code above its `let`/`const` throws if that code ever runs
      // before the declaration (the temporal dead zone): it works only by the order
      // calls happen to come in. Function declarations are hoisted whole, so calling
      // one declared further down is fine.
      'no-use-before-define': ['error', { functions: false, classes: true, variables: true }],
      'no-unused-vars': ['error', unusedVars],
      'no-var': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
      // The allow-lists match control characters on purpose, to refuse them (entry-html.js's safeHref).
      'no-control-regex': 'off',
    },
  },

  // The browser code: ES modules that esbuild bundles (scripts/bundle.mjs). The
  // engine's modules also run in a Web Worker.
  {
    files: ['web/src/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser, ...globals.worker } },
  },

  // The demo site and the agent console, which is a module bundled like the widget.
  {
    files: ['site/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    files: ['site/agent/agent.js'],
    languageOptions: { sourceType: 'module' },
  },

  // Node: the build and demo scripts, the tests; bench/ too, for `npx eslint bench`
  // (not in `make lint` yet).
  {
    files: [
      'scripts/**/*.{js,mjs}',
      'tests/{js,dist}/**/*.{js,mjs}',
      'bench/**/*.{js,mjs}',
      'eslint.config.mjs',
    ],
    languageOptions: { sourceType: 'module', globals: { ...globals.node } },
  },
  {
    // Expected CLI output is matched as printed: `/\n  hint: /` reads better than `/\n {2}hint: /`.
    files: ['tests/js/**/*.{js,mjs}'],
    rules: { 'no-regex-spaces': 'off' },
  },
  {
    // Functions handed to page.evaluate() and the like run in the page, not in Node.
    files: [
      'tests/js/**/*.e2e.test.mjs',
      'tests/js/helpers.mjs',
      'tests/js/lazy-index.test.mjs',
      'scripts/screenshot.mjs',
      'bench/{first-answer,pagefind,run}.mjs',
    ],
    languageOptions: { globals: { ...globals.browser } },
  },

  prettier,
];
