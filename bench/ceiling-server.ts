// The benchmark's ceiling: node:http sending fixed bytes (a unit page as the app rendered it),
// with no framework, session or database. Usage: ceiling-server.ts <port> <file>
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [port, file] = process.argv.slice(2);
const body = readFileSync(file);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
  res.end(body);
});
server.listen(Number(port), () => console.log(`ceiling on ${port}`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
