"""The live stream (Server-Sent Events): what each caller may see of the events the domains
raise (rota.events), as they commit. It sits above the domains, beside the timers."""
