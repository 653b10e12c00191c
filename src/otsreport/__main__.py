from otsreport.cli import main

main()
