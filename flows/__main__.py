from flows.entry import main

raise SystemExit(main())
