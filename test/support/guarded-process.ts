// A process with the server's last line of defence (server/failure.ts guardProcess) that then meets
// the failures nobody catches: a throw in a timer, an 'error' event nobody listens to (what the import
// route's read stream did), a rejected promise nobody awaits. It must log each and live on.
import { EventEmitter } from "node:events";
import { guardProcess } from "../../server/failure";

guardProcess();
setTimeout(() => {
  throw new Error("thrown in a timer");
});
setTimeout(() => new EventEmitter().emit("error", new Error("an error event nobody listens to")), 20);
setTimeout(() => void Promise.reject(new Error("a rejection nobody awaits")), 40);
setTimeout(() => {
  console.log("still serving");
  process.exit(0);
}, 200);
