import LabCLI

LabMain.main()
