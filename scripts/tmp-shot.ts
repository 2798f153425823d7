import { chromium } from '@playwright/test';

const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const ctx = await b.newContext({ viewport: { width: 360, height: 780 } });
const p = await ctx.newPage();
await p.goto('http://localhost:3456/login');
await p.getByLabel('Email').fill('trainee@example.org');
await p.getByLabel('Password').fill('peer-academy-demo');
await p.getByRole('button', { name: 'Log in' }).click();
await p.waitForURL(/courses/);
await p.goto('http://localhost:3456/courses/peer-support-core');
await p.screenshot({ path: '/tmp/shot-course.png', fullPage: false });
await p.goto('http://localhost:3456/courses/peer-support-core/units/recovery-storytelling');
await p.screenshot({ path: '/tmp/shot-unit.png', fullPage: false });
await p.evaluate(() => window.scrollTo(0, 2600));
await p.screenshot({ path: '/tmp/shot-unit2.png', fullPage: false });
await b.close();
console.log('done');
