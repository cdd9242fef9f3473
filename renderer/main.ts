/** Entry of the renderer: connect to the back end (Electron bridge or WebSocket) and mount the app. */
import { mount } from 'svelte';
import App from './App.svelte';
import { connect } from './lib/api.ts';
import './styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { connection: connect() } });
