/* x-ping WINDOW [TIMEOUT_MS]: asks an X client whether its main loop is
 * alive, the way window managers detect a hung application: sends the
 * window an EWMH _NET_WM_PING and waits for the client to send it back to
 * the root window (GTK answers from its event loop). Unlike a property
 * query (xdotool getwindowname), which the X server answers by itself,
 * this needs the application to run. Exits 0 on an answer, 1 on timeout,
 * 2 on bad usage or when the window does not take part in the protocol. */

#include <X11/Xatom.h>
#include <X11/Xlib.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int
main (int    argc,
      char **argv)
{
  Display *dpy;
  Window win, root;
  Atom wm_protocols, net_wm_ping, *protocols = NULL;
  int n_protocols = 0, supported = 0;
  long timeout, deadline;
  unsigned long stamp;
  XEvent ev = { 0 };

  if (argc < 2 || (dpy = XOpenDisplay (NULL)) == NULL)
    {
      fprintf (stderr, "usage: x-ping WINDOW [TIMEOUT_MS] (needs DISPLAY)\n");
      return 2;
    }
  win = strtoul (argv[1], NULL, 0);
  timeout = argc > 2 ? strtol (argv[2], NULL, 10) : 2000;
  root = DefaultRootWindow (dpy);
  wm_protocols = XInternAtom (dpy, "WM_PROTOCOLS", False);
  net_wm_ping = XInternAtom (dpy, "_NET_WM_PING", False);
  if (XGetWMProtocols (dpy, win, &protocols, &n_protocols))
    {
      for (int i = 0; i < n_protocols; i++)
        supported |= protocols[i] == net_wm_ping;
      XFree (protocols);
    }
  if (!supported)
    {
      fprintf (stderr, "x-ping: window 0x%lx does not answer _NET_WM_PING\n",
               win);
      return 2;
    }

  /* the client replies by sending the event to the root window */
  XSelectInput (dpy, root, SubstructureNotifyMask);
  stamp = (unsigned long) now_ms ();
  ev.xclient.type = ClientMessage;
  ev.xclient.window = win;
  ev.xclient.message_type = wm_protocols;
  ev.xclient.format = 32;
  ev.xclient.data.l[0] = (long) net_wm_ping;
  ev.xclient.data.l[1] = (long) stamp;
  ev.xclient.data.l[2] = (long) win;
  XSendEvent (dpy, win, False, NoEventMask, &ev);
  XFlush (dpy);

  deadline = now_ms () + timeout;
  for (;;)
    {
      struct pollfd pfd = { ConnectionNumber (dpy), POLLIN, 0 };
      long left = deadline - now_ms ();

      while (XPending (dpy) > 0)
        {
          XNextEvent (dpy, &ev);
          if (ev.type == ClientMessage
              && ev.xclient.message_type == wm_protocols
              && (Atom) ev.xclient.data.l[0] == net_wm_ping
              && (unsigned long) ev.xclient.data.l[1] == stamp)
            {
              XCloseDisplay (dpy);
              return 0;
            }
        }
      if (left <= 0)
        break;
      poll (&pfd, 1, (int) left);
    }
  fprintf (stderr, "x-ping: no answer from 0x%lx within %ld ms\n", win,
           timeout);
  XCloseDisplay (dpy);
  return 1;
}
