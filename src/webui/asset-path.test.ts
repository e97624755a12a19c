import test from 'ava';
import { assetFor } from './asset-path.ts';

const root = '/srv/static';

test('an asset under /webui/ maps into the static folder with its content type', (t) => {
  t.deepEqual(assetFor(root, '/webui/app.js'), { file: '/srv/static/app.js', contentType: 'text/javascript; charset=utf-8' });
  t.deepEqual(assetFor(root, '/webui/views/tasks.js'), { file: '/srv/static/views/tasks.js', contentType: 'text/javascript; charset=utf-8' });
  t.is(assetFor(root, '/webui/style.css')?.contentType, 'text/css; charset=utf-8');
  t.is(assetFor(root, '/webui/index.html')?.contentType, 'text/html; charset=utf-8');
});

test('traversal is refused, plain or percent-encoded', (t) => {
  for (const path of [
    '/webui/../package.json',
    '/webui/views/../../package.json',
    '/webui/%2e%2e/package.json',
    '/webui/%2E%2E/package.json',
    '/webui/..%2fpackage.json',
    '/webui/%2e%2e%2f%2e%2e%2fpackage.json',
    '/webui/..%5cpackage.json',
    '/webui/%2fetc/passwd.txt',
    '/webui//etc/passwd.txt',
    '/webui/app.js%00.css',
    '/webui/.hidden.js',
    '/webui/%',
  ]) {
    t.is(assetFor(root, path), null, path);
  }
});

test('unknown extensions and paths outside /webui/ are not assets', (t) => {
  t.is(assetFor(root, '/webui/serve.ts'), null);
  t.is(assetFor(root, '/webui/'), null);
  t.is(assetFor(root, '/master/state'), null);
});
