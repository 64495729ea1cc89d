from camunda_hub.cli.main import main

main()
