const express = require('express');
const { message } = require('./message.js');

const app = express();
app.get('/', (_req, res) => res.type('text/plain').send(`${message}\n`));
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
