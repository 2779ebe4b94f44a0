/**
 * The floor for the latency benchmark: a bare `ws` relay with no storage, no auth and no
 * sequencing. A client connects to /?user=<id>&peer=<id>; each `message.send` frame it sends
 * is forwarded to its peer as `message.created`, the same frame shape Parley pushes.
 * Run as its own process: PORT=<port> node --import tsx bench/relay.ts
 */
import { type WebSocket, WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 3999);
const sockets = new Map<string, WebSocket>();
const server = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 64 * 1024 });

server.on('connection', (socket, request) => {
  const query = new URL(request.url ?? '/', 'http://relay').searchParams;
  const user = query.get('user') ?? '';
  const peer = query.get('peer') ?? '';
  sockets.set(user, socket);
  socket.on('close', () => {
    if (sockets.get(user) === socket) sockets.delete(user);
  });
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { conversationId: string; content: string };
    const message = { conversationId: frame.conversationId, senderId: user, content: frame.content };
    sockets.get(peer)?.send(JSON.stringify({ type: 'message.created', message }));
  });
  socket.send(JSON.stringify({ type: 'ready', userId: user }));
});

process.on('SIGTERM', () => {
  for (const socket of sockets.values()) socket.terminate();
  server.close(() => process.exit(0));
});
