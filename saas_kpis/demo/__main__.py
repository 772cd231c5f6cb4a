from saas_kpis.demo.story import main

main()
