/** The page's entry: read Telegram's launch parameters, apply its theme, render the dashboard. */
import { render } from 'preact';
import { App } from './app.js';
import './styles.css';
import { TelegramBridge, applyTheme, readLaunchParams } from './telegram.js';

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const bridge = new TelegramBridge(readLaunchParams(window.location.hash, sessionStore()));
applyTheme(bridge.launch.theme, document.documentElement);
render(<App bridge={bridge} />, document.getElementById('app')!);
